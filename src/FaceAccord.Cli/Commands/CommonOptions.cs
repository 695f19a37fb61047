using System.CommandLine;
using FaceAccord.Models;
using FaceAccord.Models.Runtime;

namespace FaceAccord.Cli.Commands;

/// <summary>Options every command that touches models or stores shares, defined once.</summary>
public static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data directory (default: $FACEACCORD_HOME or ~/.faceaccord).",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON." };

    public static Option<ExecutionProvider> Provider() => new("--provider")
    {
        Description = "Where models run: auto (CUDA when present), cpu or cuda.",
        HelpName = "auto|cpu|cuda",
        DefaultValueFactory = _ => ExecutionProvider.Auto,
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads per model run (0: one per core).",
        DefaultValueFactory = _ => 0,
    };

    public static InferenceOptions Inference(ParseResult r, Option<ExecutionProvider> provider, Option<int> threads)
    {
        int t = r.GetValue(threads);
        if (t < 0)
        {
            throw Core.FaceAccordException.BadInput("threads-invalid", "--threads must be 0 or more.");
        }

        return new InferenceOptions { Provider = r.GetValue(provider), IntraOpThreads = t };
    }

    public static DataDirectory DataDirectory(ParseResult r, Option<string?> data) => Models.DataDirectory.Resolve(r.GetValue(data));
}
