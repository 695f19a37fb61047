namespace FaceAccord.Bench.Load.Soak;

/// <summary>The operations of the mixed traffic and their shares of it.</summary>
public static class SoakOperation
{
    public const string Identify = "identify";
    public const string Verify = "verify";
    public const string Enrol = "enrol";
    public const string EnrolExpiring = "enrol-expiring";
    public const string Erase = "erase";
    public const string Withdraw = "withdraw";

    /// <summary>
    /// Shares of each operation: enrolments (consent, subject, face) are balanced by erasures and withdrawals, and a
    /// third of them rest on a consent that ends within minutes, so the server's retention sweep deletes them.
    /// </summary>
    public static IReadOnlyList<(string Name, double Share)> Mix { get; } =
    [
        (Identify, 0.30),
        (Verify, 0.20),
        (Enrol, 0.20),
        (EnrolExpiring, 0.10),
        (Erase, 0.10),
        (Withdraw, 0.10),
    ];

    public static string Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double roll = random.NextDouble();
        foreach (var (name, share) in Mix)
        {
            if ((roll -= share) < 0)
            {
                return name;
            }
        }

        return Mix[^1].Name;
    }
}
