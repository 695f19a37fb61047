namespace FaceAccord.Core;

/// <summary>The stored and typed names of <see cref="KeyRole"/>: one spelling in the database, the CLI and the API.</summary>
public static class KeyRoles
{
    public const string Operator = "operator";
    public const string Reviewer = "reviewer";

    public static IReadOnlyList<string> Names { get; } = [Operator, Reviewer];

    public static string Name(this KeyRole role) => role switch
    {
        KeyRole.Operator => Operator,
        KeyRole.Reviewer => Reviewer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role named <paramref name="name"/> (any case, surrounding blanks ignored); <c>api-key-role-invalid</c> otherwise.</summary>
    public static KeyRole Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Operator => KeyRole.Operator,
        Reviewer => KeyRole.Reviewer,
        _ => throw FaceAccordException.BadInput("api-key-role-invalid", $"A key's role is one of {string.Join(", ", Names)}, not '{name}'."),
    };
}
