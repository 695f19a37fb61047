using System.CommandLine;
using FaceAccord.Models;
using FaceAccord.Models.Runtime;

namespace FaceAccord.Cli.Commands;

/// <summary>Options every command that touches models or stores shares, defined once.</summary>
public static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "The store's data directory (default: $FACEACCORD_HOME or ~/.faceaccord).",
    };

    /// <summary>The name every command reads <see cref="Store"/> by.</summary>
    public const string StoreOptionName = "--store";

    /// <summary>
    /// The store to open instead of the data directory's SQLite file, on the root and so on every command below it
    /// (read by name): a PostgreSQL URI or Npgsql connection string; <c>$FACEACCORD_STORE</c> when absent.
    /// </summary>
    public static Option<string?> Store() => new(StoreOptionName)
    {
        Description = "A PostgreSQL store shared by several nodes: postgresql://user:password@host:port/database (or an Npgsql connection string; "
            + "?pool=N sets the pool size). Default: $FACEACCORD_STORE, else the SQLite store in --data.",
        HelpName = "URI",
        Recursive = true,
    };

    public static Option<string?> Models() => new("--models")
    {
        Description = "Where model packs are installed, shared by every store (default: $FACEACCORD_HOME or ~/.faceaccord).",
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

    /// <summary>The store's directory: <c>--data</c>, else <c>$FACEACCORD_HOME</c>, else <c>~/.faceaccord</c>.</summary>
    public static string StoreDirectory(ParseResult r, Option<string?> data) => FaceAccord.Models.DataDirectory.Resolve(r.GetValue(data)).Root;

    /// <summary>The model packs' directory: <c>--models</c>, else <c>$FACEACCORD_HOME</c>, else <c>~/.faceaccord</c>; never the store's <c>--data</c>.</summary>
    public static DataDirectory ModelsDirectory(ParseResult r, Option<string?> models) => FaceAccord.Models.DataDirectory.Resolve(r.GetValue(models));
}
