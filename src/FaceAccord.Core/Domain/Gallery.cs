namespace FaceAccord.Core;

/// <summary>A named set of enrolled subjects, bound to one template space (model id); <see cref="RetentionDays"/> null keeps subjects without limit.</summary>
public sealed record Gallery(Guid Id, Guid TenantId, string Name, string ModelId, bool StoresImages, DateTimeOffset CreatedAt, int? RetentionDays = null);
