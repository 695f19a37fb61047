namespace FaceAccord.Governance.Audit;

/// <summary>Why biometric data was deleted, from a closed list so a tombstone never carries free text about a person.</summary>
public enum AuditDeletionReason
{
    /// <summary>The data subject asked for their data to be deleted.</summary>
    DataSubjectRequest,

    /// <summary>The consent the enrolment rested on was withdrawn.</summary>
    ConsentWithdrawn,

    /// <summary>A retention limit expired and the sweeper removed the data.</summary>
    RetentionExpired,

    /// <summary>The operator removed it (a gallery, subject or face deleted through the API or CLI).</summary>
    OperatorRequest,
}
