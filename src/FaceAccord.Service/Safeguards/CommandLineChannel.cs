using FaceAccord.Core;

namespace FaceAccord.Service.Safeguards;

/// <summary>
/// The command line's conventions: exit 0 for any success, 2 bad input or not found, 3 denied by policy, 1 internal or
/// environment error. The CLI maps its exceptions through <see cref="ExitCodeFor"/>, so the audit entry and the
/// process agree.
/// </summary>
public sealed class CommandLineChannel : RequestChannel
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;
    public const int Denied = 3;

    public static CommandLineChannel Instance { get; } = new("cli");

    /// <summary>Work the system does on its own (the retention sweeper), recorded with the same exit codes.</summary>
    public static CommandLineChannel System { get; } = new("system");

    private CommandLineChannel(string name) => Name = name;

    public override string Name { get; }

    public static int ExitCodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.BadInput or ErrorKind.NotFound => BadInput,
        ErrorKind.Denied => Denied,
        _ => InternalError,
    };

    public override int StatusOf(OperationOutcome outcome) => Ok;

    public override int StatusOf(Exception error) => error is FaceAccordException e ? ExitCodeFor(e.Kind) : InternalError;
}
