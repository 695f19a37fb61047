using System.Text.Json.Serialization;

namespace FaceAccord.Governance.Policies;

/// <summary>
/// An obligation an allowed operation carries (human review, retention limit, ...). Conditions are typed so the
/// server can enforce them, and serialise as <c>{"type":"human-review","reviewers":2}</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HumanReviewCondition), HumanReviewCondition.TypeName)]
[JsonDerivedType(typeof(RetentionCondition), RetentionCondition.TypeName)]
[JsonDerivedType(typeof(LogRetentionCondition), LogRetentionCondition.TypeName)]
[JsonDerivedType(typeof(AccountabilityReportCondition), AccountabilityReportCondition.TypeName)]
[JsonDerivedType(typeof(ConsentRequiredCondition), ConsentRequiredCondition.TypeName)]
[JsonDerivedType(typeof(LegalBasisRequiredCondition), LegalBasisRequiredCondition.TypeName)]
public abstract record PolicyCondition
{
    /// <summary>The condition types a pack may write, in the order decisions list them.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        HumanReviewCondition.TypeName, RetentionCondition.TypeName, LogRetentionCondition.TypeName,
        AccountabilityReportCondition.TypeName, ConsentRequiredCondition.TypeName, LegalBasisRequiredCondition.TypeName,
    ];

    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>
    /// The fewest conditions demanding everything <paramref name="conditions"/> demand (most reviewers, shortest
    /// retention, longest log retention), in a fixed order whatever the input order.
    /// </summary>
    public static IReadOnlyList<PolicyCondition> Merge(IEnumerable<PolicyCondition> conditions) => ConditionMerger.Merge(conditions);

    /// <summary>What the operator must do, in plain words.</summary>
    public abstract string Explain();

    /// <summary>
    /// One condition that demands everything this one and <paramref name="other"/> (of the same type) demand, or
    /// null where both must stay.
    /// </summary>
    internal abstract PolicyCondition? Combine(PolicyCondition other);

    /// <summary>Orders conditions of one type in a decision.</summary>
    internal virtual string SortKey => string.Empty;
}

/// <summary>A result may be acted on only after this many distinct people have confirmed it.</summary>
public sealed record HumanReviewCondition(int Reviewers) : PolicyCondition
{
    public const string TypeName = "human-review";

    [JsonIgnore]
    public override string Type => TypeName;

    public override string Explain() =>
        $"Act on a result only after {Reviewers} different reviewer{(Reviewers == 1 ? "" : "s")} confirmed it.";

    internal override PolicyCondition Combine(PolicyCondition other) =>
        new HumanReviewCondition(Math.Max(Reviewers, ((HumanReviewCondition)other).Reviewers));
}

/// <summary>Templates and images must be destroyed at most this many days after the last interaction with the person.</summary>
public sealed record RetentionCondition(int MaxDays) : PolicyCondition
{
    public const string TypeName = "retention";

    [JsonIgnore]
    public override string Type => TypeName;

    public override string Explain() =>
        $"Destroy the person's templates and images at most {MaxDays} days after the last interaction with them, or sooner when the purpose ends.";

    internal override PolicyCondition Combine(PolicyCondition other) =>
        new RetentionCondition(Math.Min(MaxDays, ((RetentionCondition)other).MaxDays));
}

/// <summary>The audit log entries of the operation must be kept at least this many days.</summary>
public sealed record LogRetentionCondition(int MinDays) : PolicyCondition
{
    public const string TypeName = "log-retention";

    [JsonIgnore]
    public override string Type => TypeName;

    public override string Explain() => $"Keep the audit log of this operation for at least {MinDays} days.";

    internal override PolicyCondition Combine(PolicyCondition other) =>
        new LogRetentionCondition(Math.Max(MinDays, ((LogRetentionCondition)other).MinDays));
}

/// <summary>An accountability report on the service must exist before it is used.</summary>
public sealed record AccountabilityReportCondition : PolicyCondition
{
    public const string TypeName = "accountability-report";

    [JsonIgnore]
    public override string Type => TypeName;

    public override string Explain() => "An accountability report on this service must be published before it is used.";

    internal override PolicyCondition Combine(PolicyCondition other) => this;
}

/// <summary>The legal basis reference must name a recorded, unwithdrawn consent of the person.</summary>
public sealed record ConsentRequiredCondition : PolicyCondition
{
    public const string TypeName = "consent-required";

    [JsonIgnore]
    public override string Type => TypeName;

    public override string Explain() =>
        "The legal basis reference must name the person's recorded informed written consent, not withdrawn.";

    internal override PolicyCondition Combine(PolicyCondition other) => this;
}

/// <summary>
/// A legal basis of one of <see cref="AnyOf"/> must be recorded: before the operation, or within
/// <see cref="WithinHours"/> hours after it where the law allows that.
/// </summary>
public sealed record LegalBasisRequiredCondition(IReadOnlyList<string> AnyOf, int? WithinHours = null) : PolicyCondition
{
    public const string TypeName = "legal-basis-required";

    [JsonIgnore]
    public override string Type => TypeName;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? WithinHours { get; init; } = WithinHours;

    public override string Explain() =>
        $"Record a legal basis of type {string.Join(" or ", AnyOf)} "
        + (WithinHours is { } h ? $"within {h} hours of the operation." : "before the operation.");

    public bool Equals(LegalBasisRequiredCondition? other) =>
        other is not null && WithinHours == other.WithinHours && AnyOf.SequenceEqual(other.AnyOf, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(WithinHours);
        foreach (string type in AnyOf)
        {
            hash.Add(type, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    // Two laws may each require a basis: one that already satisfies the other's demand replaces it; otherwise both stay.
    internal override PolicyCondition? Combine(PolicyCondition other)
    {
        var that = (LegalBasisRequiredCondition)other;
        return Subsumes(this, that) ? this : Subsumes(that, this) ? that : null;
    }

    internal override string SortKey => string.Join(",", AnyOf) + "|" + (WithinHours?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");

    private static bool Subsumes(LegalBasisRequiredCondition a, LegalBasisRequiredCondition b) =>
        a.AnyOf.All(t => b.AnyOf.Contains(t, StringComparer.Ordinal))
        && (a.WithinHours is null || (b.WithinHours is { } bh && a.WithinHours <= bh));
}
