using System.CommandLine;
using FaceAccord.Cli.Commands;
using FaceAccord.Core;
using FaceAccord.Service.Safeguards;

namespace FaceAccord.Cli;

/// <summary>
/// The <c>faceaccord</c> command: builds the command tree and turns every failure into one line on
/// stderr and a documented exit code (0 ok, 2 bad input, 3 denied by policy, 1 internal; <c>audit verify</c> adds
/// 4 for a broken chain).
/// </summary>
public static class CliApp
{
    public const int Ok = CommandLineChannel.Ok;
    public const int InternalError = CommandLineChannel.InternalError;
    public const int BadInput = CommandLineChannel.BadInput;
    public const int Denied = CommandLineChannel.Denied;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("FaceAccord: face detection, verification and evaluation with its safeguards built in.");
        root.Subcommands.Add(ModelsCommand.Create(output));
        root.Subcommands.Add(DetectCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output));
        root.Subcommands.Add(EmbedCommand.Create(output));
        root.Subcommands.Add(EvalCommand.Create(output));
        root.Subcommands.Add(FairnessCommand.Create(output));
        root.Subcommands.Add(ServeCommand.Create(output));
        root.Subcommands.Add(TenantsCommand.Create(output));
        root.Subcommands.Add(GalleriesCommand.Create(output));
        root.Subcommands.Add(EnrollCommand.Create(output));
        root.Subcommands.Add(IdentifyCommand.Create(output));
        root.Subcommands.Add(PolicyCommand.Create(output));
        root.Subcommands.Add(AuditCommand.Create(output));
        root.Subcommands.Add(RetentionCommand.Create(output));
        root.Subcommands.Add(ConsentsCommand.Create(output));
        root.Subcommands.Add(EraseCommand.Create(output));
        root.Subcommands.Add(ReportCommand.Create(output));
        root.Subcommands.Add(KeysCommand.Create(output));
        root.Subcommands.Add(StoreCommand.Create(output));
        root.Options.Add(CommonOptions.Store());

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            output.Error(string.Join(" ", parsed.Errors.Select(e => e.Message)) + " (see --help)");
            return BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Err, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (FaceAccordException e)
        {
            output.Error(e.Message);
            return ExitCodeFor(e.Kind);
        }
        catch (OperationCanceledException)
        {
            output.Error("Cancelled.");
            return InternalError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error(e.Message);
            return BadInput;
        }
    }

    /// <summary>The exit code of an error, the same the audit entry of a failed operation records.</summary>
    public static int ExitCodeFor(ErrorKind kind) => CommandLineChannel.ExitCodeFor(kind);
}
