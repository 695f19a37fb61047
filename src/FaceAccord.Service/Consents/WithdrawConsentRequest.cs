namespace FaceAccord.Service.Consents;

/// <summary>Optional body of <c>POST /v1/consents/{id}/withdrawal</c>: why, in the tenant's words (kept on the consent record, never in the audit log).</summary>
public sealed record WithdrawConsentRequest(string? Reason);
