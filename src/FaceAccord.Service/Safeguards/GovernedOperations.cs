using System.Diagnostics;
using System.Runtime.ExceptionServices;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Observability;
using FaceAccord.Storage;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The one governed path every operation on faces, people and governance records runs through, from any front end:
/// the caller's role is checked against <see cref="OperationKind"/>, the operation asks the policy engine
/// (<see cref="OperationScope.Authorize"/>) before it changes anything, acts, and one audit entry is sealed, built by
/// <see cref="AuditRecords"/>, in the same transaction as the store change: both commit or neither does. A refusal
/// or failure rolls the change back and is sealed as denied or failed, with the status the caller gets.
/// </summary>
public sealed class GovernedOperations(IUnitOfWork units, AuditLog audit, PolicyGate gate, TelemetryOptions? telemetry = null)
{
    private readonly TelemetryOptions _telemetry = telemetry ?? new TelemetryOptions();

    public AuditLog Audit { get; } = audit;

    /// <summary>Runs <paramref name="act"/> for <paramref name="context"/> as an operation of <paramref name="kind"/>.</summary>
    public T Run<T>(RequestContext context, OperationKind kind, Func<OperationScope, T> act)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Run(context, context.TenantId, context.KeyId, kind, context.Channel, act);
    }

    /// <summary>Runs work the system does on its own for a tenant (the retention sweep): no caller, no policy, the same entry.</summary>
    public T RunSystem<T>(Guid tenantId, string keyId, OperationKind kind, Func<OperationScope, T> act) =>
        Run(null, tenantId, keyId, kind, CommandLineChannel.System, act);

    /// <summary>
    /// Seals the entry of a request no operation ran for (an unauthenticated or malformed HTTP request), built by
    /// <see cref="AuditRecords.Request"/>.
    /// </summary>
    public void SealRequest(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Audit.Append(record);
    }

    /// <summary>Seals <paramref name="error"/> as the outcome of an operation of <paramref name="kind"/> refused before it could start, and throws it.</summary>
    public void Refuse(RequestContext context, OperationKind kind, Exception error) =>
        Run<bool>(context, kind, _ => throw error);

    private T Run<T>(RequestContext? context, Guid? tenantId, string keyId, OperationKind kind, RequestChannel channel, Func<OperationScope, T> act)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(act);
        Exception failure;
        OperationScope scope;
        using var activity = OperationTelemetry.StartOperation(kind);
        long start = Stopwatch.GetTimestamp();
        using (IStoreTransaction unit = units.Begin())
        {
            scope = new OperationScope(context, tenantId, keyId, kind, channel, gate, unit);
            try
            {
                if (context is not null && !kind.Allows(context.Role))
                {
                    // A reviewer who could also search would review their own searches under another key's name.
                    scope.Refused(null, AuditRecords.Detail(new { error = kind.RefusalCode, role = context.Role.Name() }));
                    throw RoleRefusal(kind, context.Role);
                }

                T result = act(scope);
                if (context is not null && kind.PolicyOperation is not null && !scope.Authorized)
                {
                    throw new InvalidOperationException($"The operation '{kind.Name}' finished without asking the policy engine.");
                }

                Audit.Append(AuditRecords.Of(scope, AuditDecision.Allow, channel.StatusOf(scope.Outcome), null, scope.Detail));
                foreach (var record in scope.FollowUps)
                {
                    Audit.Append(record);
                }

                using (OperationTelemetry.StartStore())
                {
                    unit.Commit();
                }

                channel.Sealed();
                OperationTelemetry.Finished(scope, null, start, _telemetry, activity);
                return result;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = e;
            }
        }

        // The change is rolled back; the refusal or failure is recorded in a transaction of its own.
        var decision = failure is FaceAccordException { Kind: ErrorKind.Denied } ? AuditDecision.Deny : AuditDecision.Error;
        string problem = failure is FaceAccordException fa ? fa.Code : "internal";
        using (IStoreTransaction unit = units.Begin())
        {
            Audit.Append(AuditRecords.Of(scope, decision, channel.StatusOf(failure), problem, scope.RefusalDetail ?? OperationScope.ErrorDetail(failure)));
            unit.Commit();
        }

        channel.Sealed();
        OperationTelemetry.Finished(scope, failure, start, _telemetry, activity);
        ExceptionDispatchInfo.Throw(failure);
        return default;
    }

    private static FaceAccordException RoleRefusal(OperationKind kind, KeyRole role) => kind.RefusalCode == OperationKind.ReviewerRoleRequired
        ? new FaceAccordException(ErrorKind.Denied, OperationKind.ReviewerRoleRequired,
            $"Only a reviewer key may decide a review case; this key's role is {role.Name()}. An administrator issues reviewer keys ('faceaccord tenants keys add --role reviewer').")
        : new FaceAccordException(ErrorKind.Denied, OperationKind.KeyRoleForbidden,
            $"A {role.Name()} key may not {kind.Name}; reviewer keys only read and decide review cases, operator keys do the rest.");
}
