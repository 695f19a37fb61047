using FaceAccord.Server.Endpoints;
using FaceAccord.Server.Http;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Reviews;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Fuzz.Targets;

/// <summary>
/// JSON request bodies as the server reads them (<see cref="RequestBodies.JsonAsync"/>) into each request record the
/// API takes: the input's first byte picks the record, the rest is the body.
/// </summary>
public sealed class JsonBodyTarget : FuzzTarget
{
    private static readonly Func<HttpRequest, Task>[] Readers =
    [
        r => RequestBodies.JsonAsync<GalleryEndpoints.CreateGallery>(r),
        r => RequestBodies.JsonAsync<SubjectEndpoints.CreateSubject>(r),
        r => RequestBodies.JsonAsync<RecordConsentRequest>(r),
        r => RequestBodies.JsonAsync<WithdrawConsentRequest>(r),
        r => RequestBodies.JsonAsync<DeletionRequest>(r),
        r => RequestBodies.JsonAsync<ReviewDecisionRequest>(r),
    ];

    public override string Name => "json-body";

    protected override void Parse(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var read = Readers[input[0] % Readers.Length];
        HttpBodies.Wait(read(HttpBodies.Request("application/json", input[1..].ToArray())));
    }
}
