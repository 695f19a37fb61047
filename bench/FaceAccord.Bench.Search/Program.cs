using System.CommandLine;
using FaceAccord.Bench.Search;
using FaceAccord.Core;

var root = new RootCommand("Benchmark of FaceAccord's template search (exact int8 scan and HNSW); bench/search/run.sh drives it.")
{
    SearchRunCommand.Create(),
};

try
{
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
    return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
}
catch (FaceAccordException e)
{
    await Console.Error.WriteLineAsync($"error [{e.Code}]: {e.Message}").ConfigureAwait(false);
    return e.Kind is ErrorKind.BadInput or ErrorKind.NotFound ? 2 : 1;
}
