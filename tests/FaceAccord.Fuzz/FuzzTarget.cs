using FaceAccord.Core;

namespace FaceAccord.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Exercise"/> feeds it an input and lets through only what the parser's
/// contract allows for bad data, a <see cref="FaceAccordException"/> of kind <see cref="ErrorKind.BadInput"/>:
/// any other exception, a hang or a dead process is a finding.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name used on the command line, for the seed folder and for findings.</summary>
    public abstract string Name { get; }

    /// <summary>Runs one input; throws only when the input exposed a bug.</summary>
    /// <returns>The error code when the input was refused as bad input, null when it was accepted.</returns>
    public string? Exercise(ReadOnlySpan<byte> input)
    {
        try
        {
            Parse(input);
            return null;
        }
        catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
        {
            // The documented answer to bad input.
            return e.Code;
        }
    }

    /// <summary>Parses (and where cheap, uses) the input the way the service does.</summary>
    protected abstract void Parse(ReadOnlySpan<byte> input);
}
