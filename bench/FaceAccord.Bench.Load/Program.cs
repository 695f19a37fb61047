using FaceAccord.Bench.Load;
using FaceAccord.Core;

try
{
    var invocation = new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false };
    return await LoadCommand.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
}
catch (FaceAccordException e)
{
    // One clear line, as the faceaccord command does: a load test that cannot start must say why, not dump a stack.
    await Console.Error.WriteLineAsync($"error [{e.Code}]: {e.Message}").ConfigureAwait(false);
    return e.Kind is ErrorKind.BadInput or ErrorKind.NotFound ? 2 : 1;
}
catch (HttpRequestException e)
{
    // Only set-up calls get here (timed requests are recorded, never thrown): the server is not reachable at all.
    await Console.Error.WriteLineAsync($"error [server-unreachable]: {e.Message}").ConfigureAwait(false);
    return 1;
}
