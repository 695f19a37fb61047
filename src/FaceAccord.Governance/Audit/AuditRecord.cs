using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// What a caller hands the audit log about one request: who asked, for what and on which basis, what was
/// decided and what came back. Ids only: subjects by their store id (never their external id or name), and
/// never a template or image, because nothing written here can ever be erased.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>The key id recorded for operations run from the command line rather than with an API key.</summary>
    public const string CliKeyId = "cli";

    /// <summary>The tenant the request acted for; null only for requests bound to no tenant (e.g. a policy dry run).</summary>
    public Guid? TenantId { get; init; }

    /// <summary>The API key's id, or <see cref="CliKeyId"/>.</summary>
    public required string KeyId { get; init; }

    /// <summary>detect, verify, identify, enroll, delete, evaluate, ... as the policy engine names it.</summary>
    public required string Operation { get; init; }

    public string? Purpose { get; init; }

    /// <summary>one-off, real-time or continuous.</summary>
    public string? Mode { get; init; }

    public LegalBasis? LegalBasis { get; init; }

    public required AuditDecision Decision { get; init; }

    /// <summary>Ids of the rules behind the decision: every rule that denied, or the rules whose conditions applied.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    public Guid? GalleryId { get; init; }

    /// <summary>How many candidates the operation found; null means as many as <see cref="CandidateSubjectIds"/> lists.</summary>
    public int? CandidateCount { get; init; }

    /// <summary>Store ids of the subjects returned (those released to the caller).</summary>
    public IReadOnlyList<Guid> CandidateSubjectIds { get; init; } = [];

    /// <summary>Key ids of the people who reviewed the result.</summary>
    public IReadOnlyList<string> ReviewerIds { get; init; } = [];

    /// <summary>Anything else worth keeping, as JSON: ids and short facts (see <see cref="AuditTombstone"/> for deletions).</summary>
    public JsonElement? Detail { get; init; }

    /// <summary>Where the request came from: <c>http</c>, <c>cli</c> or <c>system</c> (null in entries of serialisation version 1).</summary>
    public string? Channel { get; init; }

    /// <summary>What the caller got: the HTTP status, or the command line's exit code.</summary>
    public int? Status { get; init; }

    /// <summary>The stable problem code of a refusal or failure (the problem+json type's last part); null when it succeeded.</summary>
    public string? Problem { get; init; }
}
