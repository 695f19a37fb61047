namespace FaceAccord.Service.Tests;

/// <summary>A clock that moves a fixed step per reading, so records made in a test have exact, ordered times.</summary>
internal sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            var now = _now;
            _now += step;
            return now;
        }
    }
}
