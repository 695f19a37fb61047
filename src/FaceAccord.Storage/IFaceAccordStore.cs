namespace FaceAccord.Storage;

/// <summary>
/// Everything the service keeps, for the one place that opens a store (registration); every other class asks for the
/// narrow interface it uses. A second backend (PostgreSQL) implements this whole, the unit of work included.
/// </summary>
public interface IFaceAccordStore :
    ITenantStore, IApiKeyStore, IGalleryStore, ISubjectStore, IFaceStore, IConsentStore, IRetentionStore, IReviewStore, IReviewCropStore, IReportStore,
    IAuditLogStore, IUnitOfWork, IDisposable
{
}
