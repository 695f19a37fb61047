using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Policies;
using FaceAccord.Storage;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// One governed operation in progress: who asks (tenant, key, role, declarations, channel), the policy's decision once
/// <see cref="Authorize"/> has asked for it, and what the audit entry will say of the outcome (gallery, candidates,
/// detail). Work that must wait until the change is committed (updating an in-memory index) goes to <see cref="AfterCommit"/>.
/// </summary>
public sealed class OperationScope
{
    private readonly PolicyGate? _gate;
    private readonly IStoreTransaction _unit;

    internal OperationScope(RequestContext? context, Guid? tenantId, string keyId, OperationKind kind, RequestChannel channel, PolicyGate? gate, IStoreTransaction unit)
    {
        Context = context;
        TenantId = tenantId;
        KeyId = keyId;
        Kind = kind;
        Channel = channel;
        Purpose = context?.Purpose;
        _gate = gate;
        _unit = unit;
    }

    /// <summary>The caller; null for work the system does on its own (the retention sweep).</summary>
    public RequestContext? Context { get; }

    public Guid? TenantId { get; }

    public string KeyId { get; }

    public OperationKind Kind { get; }

    public RequestChannel Channel { get; }

    /// <summary>The purpose the entry records: the declared one, or the one the operation is carried out for.</summary>
    public string? Purpose { get; private set; }

    /// <summary>The policy's decision; null until <see cref="Authorize"/> (and for operations no policy judges).</summary>
    public PolicyDecision? Decision { get; private set; }

    public Guid? GalleryId { get; set; }

    public OperationOutcome Outcome { get; set; } = OperationOutcome.Completed;

    /// <summary>Store ids of the subjects returned to the caller.</summary>
    public IReadOnlyList<Guid> Candidates { get; set; } = [];

    /// <summary>How many candidates were found when that differs from those returned (a result held for review).</summary>
    public int? CandidateCount { get; set; }

    public IReadOnlyList<string> ReviewerIds { get; set; } = [];

    /// <summary>Ids and short facts for the entry (a tombstone for deletions); never a template, an image or a name.</summary>
    public JsonElement? Detail { get; set; }

    internal JsonElement? RefusalDetail { get; set; }

    /// <summary>Entries that follow the operation's own in its transaction (a released review closing the held request).</summary>
    internal List<Governance.Audit.AuditRecord> FollowUps { get; } = [];

    internal bool Authorized { get; private set; }

    /// <summary>
    /// Asks the policy engine about this operation (purpose <paramref name="purpose"/> instead of the declared one when
    /// the operation is always done for one, such as a deletion request), with the legal basis and the person an
    /// enrolment is about. Throws the refusal (Denied) or BadInput for a malformed declaration; the entry records it.
    /// </summary>
    public PolicyDecision Authorize(Guid? galleryId = null, LegalBasis? legalBasis = null, string? subjectExternalId = null, string? purpose = null)
    {
        if (Kind.PolicyOperation is not { } operation || _gate is null || Context is null)
        {
            throw new InvalidOperationException($"No policy judges '{Kind.Name}'.");
        }

        GalleryId = galleryId ?? GalleryId;
        Purpose = purpose ?? Purpose;
        var context = purpose is null ? Context : Context with { Purpose = purpose };
        Decision = _gate.Decide(context, operation, legalBasis, subjectExternalId, this);
        Authorized = true;
        return Decision;
    }

    /// <summary>Adds an entry sealed right after this operation's own, in the same transaction (built by <see cref="AuditRecords"/>).</summary>
    public void AlsoRecord(Governance.Audit.AuditRecord record) => FollowUps.Add(record ?? throw new ArgumentNullException(nameof(record)));

    /// <summary>Runs <paramref name="action"/> once the operation's change and entry are committed (never after a rollback).</summary>
    public void AfterCommit(Action action) => _unit.AfterCommit(action);

    internal void Refused(PolicyDecision? decision, JsonElement? detail)
    {
        Decision = decision ?? Decision;
        RefusalDetail = detail;
    }

    internal static JsonElement ErrorDetail(Exception error) =>
        AuditRecords.Detail(new { error = error is FaceAccordException e ? e.Code : "internal" });
}
