using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Search;
using FaceAccord.Service.Recognition;
using FaceAccord.Storage;

namespace FaceAccord.Service.Galleries;

/// <summary>
/// The in-memory indexes of all galleries, each built from the store the first time it is needed
/// (the server builds them all at start) and dropped when its gallery is deleted. Galleries of another
/// template space (model id) get no index: this process cannot compare their templates. Templates are read (and
/// decrypted) once, when an index loads, never per search.
/// </summary>
public sealed class GalleryIndexes(IGalleryStore galleries, ISubjectStore subjects, IFaceStore faces, RecognitionEngine recognition, ServiceOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<GalleryIndex>> _indexes = new();

    public int Loaded => _indexes.Count;

    /// <summary>The indexes built so far (never starts a load); what the gallery gauges count.</summary>
    public IEnumerable<GalleryIndex> LoadedIndexes => _indexes.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    /// <summary>The gallery's index, loading it from the store on first use; null for a gallery of another model.</summary>
    public GalleryIndex? For(Gallery gallery)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        if (!string.Equals(gallery.ModelId, recognition.ModelId, StringComparison.Ordinal))
        {
            return null;
        }

        return _indexes.GetOrAdd(gallery.Id, _ => new Lazy<GalleryIndex>(() => Load(gallery))).Value;
    }

    /// <summary>
    /// The gallery's index if one is built or being built (waiting for it then); never starts a load, so an erasure
    /// needs no model: an index loaded later reads the store without what was erased.
    /// </summary>
    public GalleryIndex? LoadedFor(Guid galleryId) =>
        _indexes.TryGetValue(galleryId, out var lazy) ? lazy.Value : null;

    /// <summary>Builds every gallery's index now, reporting (done, total) after each.</summary>
    public void LoadAll(IProgress<(int Done, int Total)>? progress = null)
    {
        // A shared store answers searches itself; an index here would only go stale as other nodes write.
        if (galleries is IGallerySearchStore)
        {
            return;
        }

        var all = galleries.ListAllGalleries();
        for (int i = 0; i < all.Count; i++)
        {
            For(all[i]);
            progress?.Report((i + 1, all.Count));
        }
    }

    public void Forget(Guid galleryId)
    {
        if (_indexes.TryRemove(galleryId, out var lazy) && lazy.IsValueCreated)
        {
            lazy.Value.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _indexes.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }

        _indexes.Clear();
    }

    private GalleryIndex Load(Gallery gallery)
    {
        var index = new GalleryIndex(gallery, TemplateIndexFactory.Create(recognition.Pipeline.Dimensions, options.Search), recognition.Calibration.Scorer());
        var people = subjects.ListSubjects(gallery.Id).ToDictionary(s => s.Key);
        foreach (var face in faces.ReadGalleryFaces(gallery.Id))
        {
            if (people.TryGetValue(face.SubjectKey, out var subject))
            {
                index.Add(subject, face);
            }
        }

        return index;
    }
}
