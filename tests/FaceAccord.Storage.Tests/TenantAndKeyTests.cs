namespace FaceAccord.Storage.Tests;

public abstract class TenantAndKeyTests : IDisposable
{
    private readonly TestStore _db;
    private readonly IFaceAccordStore _store;

    protected TenantAndKeyTests(TestStore db)
    {
        _db = db;
        _store = _db.Open();
    }

    [Fact]
    public void A_created_tenant_reads_back_whole()
    {
        var profile = new TenantProfile("City of Ghent", "public-agency", "BE", "Flanders", null);
        Tenant created = _store.CreateTenant(profile);

        Assert.Equal(created, _store.FindTenant(created.Id));
        Assert.Equal(profile, _store.FindTenant(created.Id)!.Profile);
        Assert.Null(_store.FindTenant(Guid.NewGuid()));
    }

    [Fact]
    public void Tenants_are_listed()
    {
        Tenant a = StoreSeed.Tenant(_store, "a");
        Tenant b = StoreSeed.Tenant(_store, "b");

        Assert.Equal(new[] { a.Id, b.Id }.Order(), _store.ListTenants().Select(t => t.Id).Order());
    }

    [Fact]
    public void A_tenant_without_a_name_is_refused()
    {
        var ex = Assert.Throws<FaceAccordException>(() => _store.CreateTenant(new TenantProfile(" ", "commercial", "NL", null, null)));
        Assert.Equal("tenant-name-required", ex.Code);
        Assert.Empty(_store.ListTenants());
    }

    [Fact]
    public void An_api_key_reads_back_with_its_hash_and_revocation()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        var created = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        var key = new ApiKeyRecord("key-1", tenant.Id, [1, 2, 3], [9, 8, 7, 6], created, created.AddDays(3));
        _store.AddApiKey(key);

        ApiKeyRecord? found = _store.FindApiKey("key-1");
        Assert.NotNull(found);
        Assert.Equal(key.KeyId, found.KeyId);
        Assert.Equal(key.TenantId, found.TenantId);
        Assert.Equal(key.Salt, found.Salt);
        Assert.Equal(key.SecretHash, found.SecretHash);
        Assert.Equal(key.CreatedAt, found.CreatedAt);
        Assert.Equal(key.RevokedAt, found.RevokedAt);
        Assert.Null(_store.FindApiKey("key-2"));
    }

    [Fact]
    public void A_duplicate_key_id_or_unknown_tenant_is_refused()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        _store.AddApiKey(new ApiKeyRecord("key-1", tenant.Id, [1], [2], DateTimeOffset.UtcNow, null));

        var duplicate = Assert.Throws<FaceAccordException>(() =>
            _store.AddApiKey(new ApiKeyRecord("key-1", tenant.Id, [3], [4], DateTimeOffset.UtcNow, null)));
        Assert.Equal("api-key-exists", duplicate.Code);
        Assert.Equal(ErrorKind.BadInput, duplicate.Kind);
        Assert.Equal([2], _store.FindApiKey("key-1")!.SecretHash);

        var orphan = Assert.Throws<FaceAccordException>(() =>
            _store.AddApiKey(new ApiKeyRecord("key-2", Guid.NewGuid(), [3], [4], DateTimeOffset.UtcNow, null)));
        Assert.Equal("tenant-not-found", orphan.Code);
        Assert.Equal(ErrorKind.NotFound, orphan.Kind);
    }

    [Fact]
    public void Keys_keep_their_role_are_listed_per_tenant_and_revoked_once()
    {
        Tenant tenant = StoreSeed.Tenant(_store, "a");
        Tenant other = StoreSeed.Tenant(_store, "b");
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _store.AddApiKey(new ApiKeyRecord("op", tenant.Id, [1], [2], t0, null));
        _store.AddApiKey(new ApiKeyRecord("rev", tenant.Id, [1], [2], t0.AddMinutes(1), null, KeyRole.Reviewer));
        _store.AddApiKey(new ApiKeyRecord("theirs", other.Id, [1], [2], t0, null));

        Assert.Equal([("op", KeyRole.Operator), ("rev", KeyRole.Reviewer)], _store.ListApiKeys(tenant.Id).Select(k => (k.KeyId, k.Role)));
        Assert.Equal(KeyRole.Reviewer, _store.FindApiKey("rev")!.Role);

        // Another tenant's key cannot be revoked through this tenant; a second revocation keeps the first time.
        Assert.Null(_store.RevokeApiKey(tenant.Id, "theirs", t0.AddDays(1)));
        Assert.Null(_store.FindApiKey("theirs")!.RevokedAt);
        Assert.Null(_store.RevokeApiKey(tenant.Id, "missing", t0.AddDays(1)));
        Assert.Equal(t0.AddDays(1), _store.RevokeApiKey(tenant.Id, "rev", t0.AddDays(1))!.RevokedAt);
        Assert.Equal(t0.AddDays(1), _store.RevokeApiKey(tenant.Id, "rev", t0.AddDays(2))!.RevokedAt);
        Assert.Null(_store.FindApiKey("op")!.RevokedAt);
    }

    [Fact]
    public void An_unknown_role_is_refused_by_the_store_and_by_the_schema()
    {
        Tenant tenant = StoreSeed.Tenant(_store);
        var refused = Assert.Throws<FaceAccordException>(() =>
            _store.AddApiKey(new ApiKeyRecord("k", tenant.Id, [1], [2], DateTimeOffset.UtcNow, null, (KeyRole)7)));
        Assert.Equal("api-key-role-invalid", refused.Code);
        Assert.Null(_store.FindApiKey("k"));

        // The schema itself refuses any other role.
        _store.AddApiKey(new ApiKeyRecord("k2", tenant.Id, [1], [2], DateTimeOffset.UtcNow, null));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => _db.Execute("UPDATE api_keys SET role = 'admin' WHERE key_id = 'k2';"));
        Assert.Equal(KeyRole.Operator, _store.FindApiKey("k2")!.Role);
    }

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class TenantAndKeyTestsOnSqlite() : TenantAndKeyTests(new TempDatabase());

public sealed class TenantAndKeyTestsOnPostgres() : TenantAndKeyTests(new TempPostgresSchema());
