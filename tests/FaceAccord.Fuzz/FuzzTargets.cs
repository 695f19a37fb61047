using FaceAccord.Fuzz.Targets;

namespace FaceAccord.Fuzz;

/// <summary>Every fuzz target, by name: the inputs FaceAccord takes from outside.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new ImageTarget(),
        new MultipartBodyTarget(),
        new JsonBodyTarget(),
        new PolicyPackTarget(),
        new PolicyRequestTarget(),
        new TfJsModelTarget(),
    ];

    /// <summary>Targets that always crash or hang, so the tests show that a finding fails a run.</summary>
    public static IReadOnlyList<FuzzTarget> SelfTests { get; } = [new AlwaysCrashesTarget(), new AlwaysHangsTarget()];

    public static FuzzTarget Named(string name) =>
        All.Concat(SelfTests).FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"No fuzz target '{name}'; targets are {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}
