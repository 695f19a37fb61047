namespace FaceAccord.Service.Safeguards;

/// <summary>How an allowed operation ended, which each front end turns into its own status (201, 202, 204; exit 0).</summary>
public enum OperationOutcome
{
    /// <summary>Answered now (HTTP 200).</summary>
    Completed,

    /// <summary>Something new was stored (HTTP 201).</summary>
    Created,

    /// <summary>The result is held for human review (HTTP 202).</summary>
    Accepted,

    /// <summary>Something was deleted and nothing is returned (HTTP 204).</summary>
    Deleted,
}
