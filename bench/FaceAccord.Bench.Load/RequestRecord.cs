namespace FaceAccord.Bench.Load;

/// <summary>
/// One timed request. <see cref="Status"/> is the HTTP status, or 0 when no answer came (then
/// <see cref="Error"/> says why: a timeout or the exception's type). <see cref="Correct"/> says whether the
/// answer agreed with the truth (same person or not; the right rank-1 candidate), null when there was no usable answer.
/// </summary>
public readonly record struct RequestRecord(string Operation, int Status, double LatencyMs, bool? Correct, string? Error)
{
    public const string Verify = "verify";
    public const string Identify = "identify";

    /// <summary>The requirement counts anything but a usable 2xx answer as a failed request.</summary>
    public bool Failed => Status is < 200 or > 299 || Error is not null;
}
