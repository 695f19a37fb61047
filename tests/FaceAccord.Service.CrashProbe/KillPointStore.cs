using System.Reflection;
using System.Runtime.ExceptionServices;
using FaceAccord.Storage;

namespace FaceAccord.Service.CrashProbe;

/// <summary>
/// The store the probe's services use: the real SQLite store behind a proxy that counts every store call (and every
/// commit) once armed, and at the chosen count announces the kill point on stdout and stops dead, holding whatever
/// transaction is open, until the parent kills the process with SIGKILL. Counting calls rather than waiting a random
/// time makes a kill point reproducible from its number: the same seed and count stop the probe at the same place,
/// and a point can fall between a deletion and the audit entry that records it, the window the test is about.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1852", Justification = "DispatchProxy derives the proxy from it at run time.")]
internal class KillPointStore : DispatchProxy
{
    private IFaceAccordStore _inner = null!;
    private long _killAt;
    private long _calls;
    private bool _armed;
    private int _openUnits;
    private bool _deletedInUnit;

    /// <summary>The store <paramref name="inner"/>, stopping at its <paramref name="killAt"/>-th call (1-based) after <see cref="Arm"/>.</summary>
    public static IFaceAccordStore Wrap(IFaceAccordStore inner, long killAt)
    {
        var proxy = Create<IFaceAccordStore, KillPointStore>();
        var self = (KillPointStore)(object)proxy;
        self._inner = inner;
        self._killAt = killAt;
        return proxy;
    }

    /// <summary>Starts counting: set-up calls (tenant, gallery) are not kill points.</summary>
    public static void Arm(IFaceAccordStore store) => ((KillPointStore)(object)store)._armed = true;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Step(targetMethod.Name);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }

        if (targetMethod.Name.StartsWith("Delete", StringComparison.Ordinal) && _openUnits > 0)
        {
            _deletedInUnit = true;
        }

        if (result is IStoreTransaction unit)
        {
            _openUnits++;
            return new CountedTransaction(this, unit);
        }

        return result;
    }

    /// <summary>One kill point: the call about to be made, or the commit about to happen.</summary>
    private void Step(string what)
    {
        if (!_armed || ++_calls != _killAt)
        {
            return;
        }

        // The parent reads this line and sends SIGKILL; "pending-deletion" marks a point inside a unit of work that has
        // deleted something and not yet committed (the tombstone may or may not be written yet).
        Console.Out.WriteLine($"kill-point {_calls} {what}{(_deletedInUnit ? " pending-deletion" : "")}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }

    private sealed class CountedTransaction(KillPointStore store, IStoreTransaction inner) : IStoreTransaction
    {
        public void Commit()
        {
            store.Step("Commit");
            inner.Commit();
        }

        public void AfterCommit(Action action) => inner.AfterCommit(action);

        public void Dispose()
        {
            inner.Dispose();
            if (--store._openUnits == 0)
            {
                store._deletedInUnit = false;
            }
        }
    }
}
