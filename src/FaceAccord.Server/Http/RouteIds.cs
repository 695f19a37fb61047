using FaceAccord.Core;

namespace FaceAccord.Server.Http;

/// <summary>Ids in routes: anything that is not one of our ids is simply an unknown resource (404).</summary>
public static class RouteIds
{
    public static Guid Parse(string value, string what) =>
        Guid.TryParse(value, out var id) ? id : throw FaceAccordException.NotFound($"{what}-not-found", $"There is no {what} '{value}'.");
}
