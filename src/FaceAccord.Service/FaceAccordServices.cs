using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Identification;
using FaceAccord.Service.Observability;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using FaceAccord.Storage.Encryption;
using FaceAccord.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Service;

/// <summary>
/// The one registration of FaceAccord's services, shared by the server and the command line: the store (opened on
/// first use, once) behind each narrow interface a service asks for, the governed path, the recognition engine
/// (loaded only when an operation needs a model) and the feature services.
/// </summary>
public static class FaceAccordServices
{
    public static IServiceCollection AddFaceAccord(this IServiceCollection services, FaceAccordSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Options.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Options);
        services.AddSingleton(settings.Clock);
        if (settings.Fairness is { } fairness)
        {
            services.AddSingleton(fairness);
        }

        services.AddSingleton(_ => OpenStore(settings));
        Narrow<ITenantStore>(services);
        Narrow<IApiKeyStore>(services);
        Narrow<IGalleryStore>(services);
        Narrow<ISubjectStore>(services);
        Narrow<IFaceStore>(services);
        Narrow<IConsentStore>(services);
        Narrow<IRetentionStore>(services);
        Narrow<IReviewStore>(services);
        Narrow<IReviewCropStore>(services);
        Narrow<IReportStore>(services);
        Narrow<IAuditLogStore>(services);
        Narrow<IUnitOfWork>(services);

        services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<IAuditLogStore>(), settings.Clock));
        services.AddSingleton(_ => PolicyEngine.BuiltIn(settings.Options.EnabledPolicyPacks));
        services.AddSingleton(_ => new RecognitionEngine(new PackSelection(settings.Models), settings.Pipeline));
        services.AddSingleton(new TelemetryOptions());
        services.AddSingleton<GalleryGauges>();
        services.AddSingleton<PolicyGate>();
        services.AddSingleton<GovernedOperations>();
        services.AddSingleton<GalleryIndexes>();
        services.AddSingleton<SubjectRetention>();
        services.AddSingleton<SubjectEraser>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<GalleryService>();
        services.AddSingleton<EnrolmentService>();
        services.AddSingleton<IdentificationService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ReviewCropRule>();
        services.AddSingleton<ConsentService>();
        services.AddSingleton<ErasureService>();
        services.AddSingleton<ReportService>();
        return services;
    }

    /// <summary>
    /// The store the settings name: a PostgreSQL database (<see cref="FaceAccordSettings.Store"/>), its data key from the
    /// data directory as for SQLite, or else the SQLite file in the data directory.
    /// </summary>
    public static IFaceAccordStore OpenStore(FaceAccordSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IsSharedStore
            ? PostgresFaceStore.Open(PostgresLocation.Parse(settings.Store!, settings.StorePoolSize), DataKeySource.For(settings.DatabasePath), settings.Clock)
            : SqliteFaceStore.Open(settings.DatabasePath, settings.Clock);
    }

    private static void Narrow<T>(IServiceCollection services)
        where T : class =>
        services.AddSingleton(sp => (T)sp.GetRequiredService<IFaceAccordStore>());
}
