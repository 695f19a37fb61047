namespace FaceAccord.Service.Consents;

/// <summary>Body of <c>POST /v1/deletion-requests</c>: the person (the tenant's external id for them), optionally one gallery only.</summary>
public sealed record DeletionRequest(string? SubjectExternalId, string? GalleryId);
