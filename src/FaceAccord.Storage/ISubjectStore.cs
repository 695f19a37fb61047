using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>Subjects: the people enrolled in a gallery, each with the legal basis stated for enrolling them.</summary>
public interface ISubjectStore
{
    /// <summary>Refuses (FaceAccordException, code <c>subject-exists</c>) a second subject with the same external id.</summary>
    Subject CreateSubject(Guid galleryId, string externalId, LegalBasis? legalBasis);

    Subject? FindSubject(Guid galleryId, Guid subjectId);

    Subject? FindSubjectByExternalId(Guid galleryId, string externalId);

    IReadOnlyList<Subject> ListSubjects(Guid galleryId);

    /// <summary>Removes the subject with its faces and images; false when it does not exist.</summary>
    bool DeleteSubject(Guid galleryId, Guid subjectId);
}
