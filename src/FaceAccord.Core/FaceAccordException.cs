namespace FaceAccord.Core;

/// <summary>
/// The one exception type FaceAccord throws on purpose: it carries a stable machine-readable
/// <see cref="Code"/> (used as the problem+json type) and a sentence meant for people.
/// </summary>
public sealed class FaceAccordException : Exception
{
    public FaceAccordException(ErrorKind kind, string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Code = code;
    }

    public FaceAccordException()
        : this(ErrorKind.Internal, "internal", "An internal error occurred.")
    {
    }

    public FaceAccordException(string message)
        : this(ErrorKind.Internal, "internal", message)
    {
    }

    public FaceAccordException(string message, Exception innerException)
        : this(ErrorKind.Internal, "internal", message, innerException)
    {
    }

    /// <summary>Broad class of the error; decides exit codes and HTTP statuses.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Stable slug such as <c>image-too-large</c>; never reworded once published.</summary>
    public string Code { get; }

    public static FaceAccordException BadInput(string code, string message, Exception? inner = null) =>
        new(ErrorKind.BadInput, code, message, inner);

    public static FaceAccordException NotFound(string code, string message) =>
        new(ErrorKind.NotFound, code, message);

    public static FaceAccordException Environment(string code, string message, Exception? inner = null) =>
        new(ErrorKind.Environment, code, message, inner);
}
