using FaceAccord.Core;

namespace FaceAccord.Packs.Recipes;

/// <summary>
/// The packs this program can install, and which one a deployment uses: <c>$FACEACCORD_PACK</c> when set,
/// else <see cref="Default"/>. Stores remember the pack their galleries were enrolled with, so a change
/// of default never mixes templates.
/// </summary>
public static class PackCatalog
{
    public const string EnvironmentVariable = "FACEACCORD_PACK";

    public static IReadOnlyList<PackDefinition> All { get; } = [PackOne.Definition, PackTwo.Definition];

    /// <summary>The pack a fresh installation uses.</summary>
    public static PackDefinition Default => PackTwo.Definition;

    /// <summary>The pack with id <paramref name="id"/>; <c>pack-unknown</c> (BadInput) naming the known ones otherwise.</summary>
    public static PackDefinition Find(string id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal))
        ?? throw FaceAccordException.BadInput("pack-unknown", $"There is no model pack '{id}'; known packs: {string.Join(", ", All.Select(p => p.Id))}.");

    /// <summary>An explicit choice, else <c>$FACEACCORD_PACK</c>, else <see cref="Default"/>.</summary>
    public static PackDefinition Selected(string? explicitId = null)
    {
        string? id = !string.IsNullOrWhiteSpace(explicitId) ? explicitId : Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(id) ? Default : Find(id.Trim());
    }
}
