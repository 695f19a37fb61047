namespace FaceAccord.Governance.Audit;

/// <summary>What became of an audited request, so a reader of the log can count refusals and failures, not just successes.</summary>
public enum AuditDecision
{
    /// <summary>Policy allowed the operation and it ran (its conditions may still hold results back).</summary>
    Allow,

    /// <summary>Policy refused the operation; the entry names the rules that refused it.</summary>
    Deny,

    /// <summary>The operation failed before a result; still logged, so failed attempts leave a trace too.</summary>
    Error,
}
