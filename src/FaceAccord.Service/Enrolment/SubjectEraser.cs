using FaceAccord.Core;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Enrolment;

/// <summary>
/// Removes a subject's templates, images and search index entries inside a governed operation, without an entry of
/// its own: the operation's entry carries the tombstone (operator deletion, consent withdrawal, data-subject request),
/// and commits with the deletion. The index forgets the subject once the deletion is committed.
/// </summary>
public sealed class SubjectEraser(ISubjectStore subjects, IFaceStore faces, GalleryIndexes indexes)
{
    /// <summary>The ids of the faces removed, or null when the subject was already gone.</summary>
    public IReadOnlyList<Guid>? Erase(OperationScope scope, Gallery gallery, Subject subject)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(subject);
        var faceIds = faces.ListFaces(gallery.Id, subject.Id).Select(f => f.Id).ToList();
        if (!subjects.DeleteSubject(gallery.Id, subject.Id))
        {
            return null;
        }

        long key = subject.Key;
        scope.AfterCommit(() => indexes.LoadedFor(gallery.Id)?.RemoveSubject(key));
        return faceIds;
    }
}
