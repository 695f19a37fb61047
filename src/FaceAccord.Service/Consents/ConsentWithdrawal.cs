namespace FaceAccord.Service.Consents;

/// <summary>What a withdrawal did: the consent as it now stands and every subject deleted because it rested on it.</summary>
public sealed record ConsentWithdrawal(ConsentView Consent, IReadOnlyList<ErasedSubject> SubjectsDeleted, int FacesDeleted);
