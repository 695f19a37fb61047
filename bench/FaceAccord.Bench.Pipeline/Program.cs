using System.CommandLine;
using FaceAccord.Bench.Pipeline;
using FaceAccord.Core;

var root = new RootCommand("Whole-process benchmark of FaceAccord's face pipeline against the Human JS library; bench/pipeline/run.sh drives it.")
{
    ImageListCommand.Create(),
    PackCommand.Create(),
    PipelineRunCommand.Create(),
    ReportCommand.Create(),
    TelemetryOverheadCommand.Create(),
    SizesCommand.Create(),
};

try
{
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
    return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
}
catch (FaceAccordException e)
{
    // One clear line, as the faceaccord command does: a benchmark that cannot run must say why, not dump a stack.
    await Console.Error.WriteLineAsync($"error [{e.Code}]: {e.Message}").ConfigureAwait(false);
    return e.Kind is ErrorKind.BadInput or ErrorKind.NotFound ? 2 : 1;
}
