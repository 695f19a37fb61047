using FaceAccord.Governance.Policies;

namespace FaceAccord.Service.Safeguards;

/// <summary>Proof that an operation was allowed, carried to the audit entry that closes it.</summary>
public sealed record Clearance(RequestContext Context, string Operation, Guid? GalleryId, PolicyDecision Decision);
