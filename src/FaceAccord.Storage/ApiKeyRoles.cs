namespace FaceAccord.Storage;

/// <summary>
/// What an API key may do. Separation of duties: operators run the service (enrol, verify, identify, consents,
/// reports) and never review; reviewers decide held review cases, see the result they decide on, and do nothing else.
/// </summary>
public static class ApiKeyRoles
{
    public const string Operator = "operator";
    public const string Reviewer = "reviewer";

    public static IReadOnlyList<string> All { get; } = [Operator, Reviewer];

    public static bool IsKnown(string? role) => role is Operator or Reviewer;
}
