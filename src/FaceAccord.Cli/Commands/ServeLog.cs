using Microsoft.Extensions.Logging;

namespace FaceAccord.Cli.Commands;

/// <summary>The server's own start-up events, in the server's log format (plain or JSON).</summary>
internal static partial class ServeLog
{
    [LoggerMessage(Level = LogLevel.Information, EventName = "PackLoaded", Message = "Model pack loaded: {Model}")]
    public static partial void PackLoaded(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, EventName = "Started", Message = "Serving {Model} with {Galleries} galleries loaded at {Urls}; metrics at /metrics")]
    public static partial void Started(ILogger logger, string model, int galleries, string urls);
}
