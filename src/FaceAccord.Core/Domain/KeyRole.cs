namespace FaceAccord.Core;

/// <summary>
/// What an API key may do. Separation of duties: operators run the service (enrol, verify, identify, consents,
/// reports) and never review; reviewers decide held review cases, see the result they decide on, and do nothing else.
/// </summary>
public enum KeyRole
{
    Operator,
    Reviewer,
}
