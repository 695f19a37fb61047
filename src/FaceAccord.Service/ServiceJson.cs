using System.Text.Json;

namespace FaceAccord.Service;

/// <summary>One JSON style for everything the service writes: camelCase, as the HTTP API speaks.</summary>
public static class ServiceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
