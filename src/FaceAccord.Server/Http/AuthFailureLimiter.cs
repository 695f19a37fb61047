using System.Collections.Concurrent;

namespace FaceAccord.Server.Http;

/// <summary>
/// Counts failed authentications per client address over the last minute. Once an address reaches the limit it is
/// refused (429 <c>auth-rate-limited</c>) without its keys being checked at all, until its oldest failure in the window
/// is a minute old: guessing keys gets slow, and each guess no longer costs a hash.
/// </summary>
public sealed class AuthFailureLimiter(ServerOptions options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Failures> _byAddress = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="address"/> is refused now; <paramref name="firstRefusal"/> is true for the first refusal
    /// of a blocked spell, the one the audit log records (the rest would let a flood grow a log that is never pruned).
    /// </summary>
    public bool IsBlocked(string address, out bool firstRefusal)
    {
        firstRefusal = false;
        if (!_byAddress.TryGetValue(address, out var failures))
        {
            return false;
        }

        lock (failures)
        {
            failures.Expire(clock.GetUtcNow() - Window);
            if (failures.Times.Count < options.MaxFailedAuthenticationsPerMinute)
            {
                failures.Announced = false;
                return false;
            }

            firstRefusal = !failures.Announced;
            failures.Announced = true;
            return true;
        }
    }

    public void RecordFailure(string address)
    {
        var failures = _byAddress.GetOrAdd(address, _ => new Failures());
        lock (failures)
        {
            var now = clock.GetUtcNow();
            failures.Expire(now - Window);
            failures.Times.Enqueue(now);
        }

        // Addresses whose failures have all aged out are forgotten, so the table cannot grow without bound.
        if (_byAddress.Count > 10_000)
        {
            foreach (var (key, value) in _byAddress)
            {
                lock (value)
                {
                    value.Expire(clock.GetUtcNow() - Window);
                    if (value.Times.Count == 0)
                    {
                        _byAddress.TryRemove(key, out _);
                    }
                }
            }
        }
    }

    private sealed class Failures
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public bool Announced { get; set; }

        public void Expire(DateTimeOffset before)
        {
            while (Times.TryPeek(out var oldest) && oldest <= before)
            {
                Times.Dequeue();
            }
        }
    }
}
