namespace FaceAccord.Fuzz.Targets;

/// <summary>A target that fails on every input: shows that a bounded run reports a crash (the fuzz tests can fail).</summary>
public sealed class AlwaysCrashesTarget : FuzzTarget
{
    public override string Name => "selftest-crash";

    protected override void Parse(ReadOnlySpan<byte> input) =>
        throw new InvalidOperationException($"planted crash on an input of {input.Length} bytes");
}

/// <summary>A target that never returns: shows that a bounded run reports a hang.</summary>
public sealed class AlwaysHangsTarget : FuzzTarget
{
    public override string Name => "selftest-hang";

    protected override void Parse(ReadOnlySpan<byte> input) => Thread.Sleep(Timeout.Infinite);
}
