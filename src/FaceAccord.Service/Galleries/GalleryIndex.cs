using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Search;
using FaceAccord.Storage;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Service.Galleries;

/// <summary>
/// One gallery's search index plus the subject directory that turns index keys back into the ids a
/// caller knows. Kept in step with every write of the service; rebuilt from the store at start.
/// </summary>
/// <remarks>
/// Under a normalised scorer each face's cohort statistics are computed once, when it enters the index, so a
/// search re-scores its candidates without touching the cohort again.
/// </remarks>
public sealed class GalleryIndex(Gallery gallery, ITemplateIndex index, TemplateScorer scorer) : IDisposable
{
    private readonly ConcurrentDictionary<long, Subject> _subjects = new();
    private readonly ConcurrentDictionary<long, (long SubjectKey, ScoreStatistics Statistics)> _statistics = new();

    /// <summary>How this gallery's candidates are scored (the calibration's rule).</summary>
    public TemplateScorer Scorer { get; } = scorer;

    public Gallery Gallery { get; } = gallery;

    public ITemplateIndex Index { get; } = index;

    /// <summary>Subjects with at least one enrolled face: the N of FPIR ≈ N · FMR.</summary>
    public int SearchableSubjects => Index.SubjectCount;

    public void Add(Subject subject, StoredFace face)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(face);
        _subjects[subject.Key] = subject;
        if (Scorer.IsNormalized)
        {
            _statistics[face.Key] = (subject.Key, Scorer.StatisticsOf(face.Template));
        }

        Index.Add(face.Key, subject.Key, face.Template);
    }

    public void RemoveFace(long faceKey)
    {
        Index.Remove(faceKey);
        _statistics.TryRemove(faceKey, out _);
    }

    public void RemoveSubject(long subjectKey)
    {
        Index.RemoveSubject(subjectKey);
        _subjects.TryRemove(subjectKey, out _);
        foreach (var (faceKey, entry) in _statistics)
        {
            if (entry.SubjectKey == subjectKey)
            {
                _statistics.TryRemove(faceKey, out _);
            }
        }
    }

    /// <summary>The score of a search hit under <see cref="Scorer"/>.</summary>
    public double Score(SubjectHit hit, ScoreStatistics probe) =>
        Scorer.Score(hit.Similarity, probe, _statistics.TryGetValue(hit.FaceKey, out var entry) ? entry.Statistics : ScoreStatistics.Identity);

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
