using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Search;
using FaceAccord.Storage;

namespace FaceAccord.Service.Galleries;

/// <summary>
/// One gallery's search index plus the subject directory that turns index keys back into the ids a
/// caller knows. Kept in step with every write of the service; rebuilt from the store at start.
/// </summary>
public sealed class GalleryIndex(Gallery gallery, ITemplateIndex index) : IDisposable
{
    private readonly ConcurrentDictionary<long, Subject> _subjects = new();

    public Gallery Gallery { get; } = gallery;

    public ITemplateIndex Index { get; } = index;

    /// <summary>Subjects with at least one enrolled face: the N of FPIR ≈ N · FMR.</summary>
    public int SearchableSubjects => Index.SubjectCount;

    public void Add(Subject subject, StoredFace face)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(face);
        _subjects[subject.Key] = subject;
        Index.Add(face.Key, subject.Key, face.Template);
    }

    public void RemoveFace(long faceKey) => Index.Remove(faceKey);

    public void RemoveSubject(long subjectKey)
    {
        Index.RemoveSubject(subjectKey);
        _subjects.TryRemove(subjectKey, out _);
    }

    /// <summary>Replaces the directory's copy of a subject already in it (its expiry moved), so searches see the change.</summary>
    public void Refresh(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_subjects.ContainsKey(subject.Key))
        {
            _subjects[subject.Key] = subject;
        }
    }

    public Subject? SubjectOf(long subjectKey) => _subjects.TryGetValue(subjectKey, out var s) ? s : null;

    public void Dispose() => Index.Dispose();
}
