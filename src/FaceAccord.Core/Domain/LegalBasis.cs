namespace FaceAccord.Core;

/// <summary>Why a subject may be enrolled (consent, warrant, ...), as the caller stated it: the policy engine and the consent check judge it.</summary>
public sealed record LegalBasis(string Type, string? Reference);
