using Microsoft.AspNetCore.Http;

namespace FaceAccord.Fuzz.Targets;

/// <summary>Requests for the server's body readers without a server: a content type and the body bytes.</summary>
internal static class HttpBodies
{
    public static HttpRequest Request(string? contentType, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        return context.Request;
    }

    /// <summary>Runs a body reader to its end on this thread (the fuzzer calls synchronously).</summary>
    public static void Wait(Task task) => task.GetAwaiter().GetResult();
}
