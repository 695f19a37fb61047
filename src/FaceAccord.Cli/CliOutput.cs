using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace FaceAccord.Cli;

/// <summary>Where the CLI writes: results to stdout (JSON stays clean), progress and errors to stderr.</summary>
public sealed class CliOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions IndentedJson = new(Json) { WriteIndented = true };

    public CliOutput(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Err = stderr;
        Progress = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Interactive = InteractionSupport.Detect,
        });
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    /// <summary>Spectre console bound to stderr, for progress bars that never mix into results.</summary>
    public IAnsiConsole Progress { get; }

    public void WriteJson<T>(T value, bool indented = true)
    {
        var options = indented ? IndentedJson : Json;
        Out.WriteLine(JsonSerializer.Serialize(value, options));
    }

    public void Error(string message) => Err.WriteLine($"faceaccord: {message}");

    /// <summary>Runs <paramref name="work"/> under a progress bar on stderr; the callback takes (description, fraction).</summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<Action<string, double>, Task<T>> work)
    {
        T result = default!;
        await Progress.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                result = await work((step, fraction) =>
                {
                    task.Description = Markup.Escape(step);
                    task.Value = Math.Clamp(fraction, 0, 1);
                }).ConfigureAwait(false);
                task.Value = 1;
            }).ConfigureAwait(false);
        return result;
    }
}
