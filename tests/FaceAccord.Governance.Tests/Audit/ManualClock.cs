namespace FaceAccord.Governance.Tests.Audit;

/// <summary>A clock that moves only when told (or by a fixed step per reading), so entry times are exact in tests.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly TimeSpan _step;
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset? start = null, TimeSpan? step = null)
    {
        _now = start ?? new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        _step = step ?? TimeSpan.FromSeconds(1);
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            DateTimeOffset now = _now;
            _now += _step;
            return now;
        }
    }
}
