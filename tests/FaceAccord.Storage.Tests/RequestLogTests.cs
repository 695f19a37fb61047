namespace FaceAccord.Storage.Tests;

public sealed class RequestLogTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteFaceStore _store;

    public RequestLogTests() => _store = _db.Open();

    [Fact]
    public void Requests_are_listed_newest_first_per_tenant_up_to_the_limit()
    {
        Guid tenant = StoreSeed.Tenant(_store).Id;
        Guid gallery = Guid.NewGuid();
        var start = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 5)
            .Select(i => new RequestRecord(start.AddSeconds(i), tenant, "key-1", "identify", "access-control", gallery, 200))
            .ToList();
        foreach (RequestRecord record in records)
        {
            _store.RecordRequest(record);
        }

        _store.RecordRequest(new RequestRecord(start, Guid.NewGuid(), null, "verify", null, null, 403));
        _store.RecordRequest(new RequestRecord(start, null, null, "detect", null, null, 401));

        Assert.Equal([records[4], records[3], records[2]], _store.ListRequests(tenant, 3));
        Assert.Equal(5, _store.ListRequests(tenant, 100).Count);
        Assert.Empty(_store.ListRequests(tenant, 0));
        Assert.Equal(7, _db.Scalar("SELECT count(*) FROM requests;"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }
}
