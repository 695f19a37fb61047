using FaceAccord.Core;
using FaceAccord.Server;
using FaceAccord.Service;
using Microsoft.Extensions.Configuration;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// Settings of the service and the server: <c>&lt;data dir&gt;/faceaccord.json</c> (sections <c>Service</c> and
/// <c>Server</c>, optional), overridden by environment variables such as <c>FACEACCORD_Server__RequestsPerSecondPerKey</c>.
/// Checked once at start; a bad value stops the start with one clear line.
/// </summary>
public static class ServiceConfiguration
{
    public const string FileName = "faceaccord.json";

    public static (ServiceOptions Service, ServerOptions Server) Load(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        IConfiguration config;
        try
        {
            config = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(dataDirectory, FileName), optional: true, reloadOnChange: false)
                .AddEnvironmentVariables("FACEACCORD_")
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw FaceAccordException.BadInput("config-invalid", $"{Path.Combine(dataDirectory, FileName)} could not be read: {e.Message}", e);
        }

        try
        {
            var service = config.GetSection("Service").Get<ServiceOptions>() ?? new ServiceOptions();
            var server = config.GetSection("Server").Get<ServerOptions>() ?? new ServerOptions();
            service.Validate();
            service.Search.Validate();
            server.Validate();
            return (service, server);
        }
        catch (InvalidOperationException e)
        {
            throw FaceAccordException.BadInput("config-invalid", $"A setting has the wrong type: {e.Message}", e);
        }
    }
}
