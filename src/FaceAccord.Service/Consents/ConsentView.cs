using FaceAccord.Storage;

namespace FaceAccord.Service.Consents;

/// <summary>A consent record as the API and the CLI show it, with its status at the time of asking.</summary>
public sealed record ConsentView(
    Guid Id,
    string SubjectExternalId,
    IReadOnlyList<string> Purposes,
    string NoticeVersion,
    string NoticeSha256,
    string SignatureMethod,
    string EvidenceReference,
    DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    DateTimeOffset RecordedAt,
    string Status)
{
    public const string Active = "active";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
    public const string NotYetGranted = "not-yet-granted";

    public static ConsentView From(ConsentRecord c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        string status = c.StatusAt(now) switch
        {
            ConsentStatus.Withdrawn => Withdrawn,
            ConsentStatus.Expired => Expired,
            ConsentStatus.NotYetGranted => NotYetGranted,
            _ => Active,
        };
        return new ConsentView(c.Id, c.SubjectExternalId, c.Purposes, c.NoticeVersion, c.NoticeSha256, c.SignatureMethod, c.EvidenceReference,
            c.GrantedAt, c.ExpiresAt, c.WithdrawnAt, c.WithdrawalReason, c.RecordedAt, status);
    }
}
