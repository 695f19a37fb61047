#!/usr/bin/env python3
"""The HTTP client and bulk loader of bench/pgapi/run.sh (standard library only).

  enroll URL GALLERY_NAME LFW_DIR PEOPLE OUT.json   gallery + PEOPLE LFW people (first usable image each) through the API;
                                                    up to 2 other images per person kept as probes
  synth  SQLITE_DB GALLERY_ID FACES                 FACES synthetic faces (5 per subject) written straight into the SQLite
                                                    store, unsealed, as rows from before encryption are (the store reads them)
  probe  URL SETUP.json OUT.json                    every probe once, one at a time: latency and rank-1 subject
  load   URLS SETUP.json CLIENTS SECONDS OUT.json   CLIENTS concurrent identifies spread over the comma-separated URLS
"""
import json, math, os, random, sqlite3, struct, sys, threading, time, urllib.request, urllib.error, uuid

KEY = os.environ.get("FACEACCORD_API_KEY", "")
PURPOSE = "identity-verification"


def request(url, method="GET", body=None, content_type=None, timeout=120):
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", "Bearer " + KEY)
    req.add_header("FaceAccord-Purpose", PURPOSE)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def post_json(url, obj):
    return request(url, "POST", json.dumps(obj).encode(), "application/json")


def post_image(url, image):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"probe.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + image + f"\r\n--{boundary}--\r\n".encode()
    return request(url, "POST", body, "multipart/form-data; boundary=" + boundary)


def enroll(url, name, lfw, people, out):
    status, body = post_json(f"{url}/v1/galleries", {"name": name})
    assert status == 201, (status, body)
    gallery = json.loads(body)["id"]
    persons = sorted(p for p in os.listdir(lfw) if len(os.listdir(os.path.join(lfw, p))) >= 2)
    random.Random(42).shuffle(persons)
    enrolled, probes = [], []
    for person in persons:
        if len(enrolled) >= people:
            break
        images = sorted(os.listdir(os.path.join(lfw, person)))
        status, body = post_json(f"{url}/v1/galleries/{gallery}/subjects", {"externalId": person})
        assert status == 201, (status, body)
        subject = json.loads(body)["id"]
        used = None
        for i, image in enumerate(images):
            status, body = post_image(f"{url}/v1/galleries/{gallery}/subjects/{subject}/faces", open(os.path.join(lfw, person, image), "rb").read())
            if status == 201:
                used = i
                break
        if used is None:
            request(f"{url}/v1/galleries/{gallery}/subjects/{subject}", "DELETE")
            continue
        enrolled.append({"person": person, "subject": subject})
        probes += [{"person": person, "subject": subject, "path": os.path.join(lfw, person, p)} for p in images[used + 1:used + 3]]
    json.dump({"gallery": gallery, "enrolled": enrolled, "probes": probes}, open(out, "w"), indent=1)
    print(f"   gallery {gallery}: {len(enrolled)} people enrolled, {len(probes)} probes")


def synth(db, gallery, faces):
    con = sqlite3.connect(db)
    g = uuid.UUID(gallery).bytes_le
    model, dims = con.execute("SELECT model_id, dimensions FROM faces WHERE gallery_id = ? LIMIT 1", (g,)).fetchone()
    ticks = (int(time.time() * 10_000_000) + 621355968000000000)
    rng = random.Random(7)
    people = faces // 5
    subject_cols = [r[1] for r in con.execute("PRAGMA table_info(subjects)")]
    face_cols = [r[1] for r in con.execute("PRAGMA table_info(faces)")]
    con.execute("BEGIN")
    for p in range(people):
        centroid = [rng.random() - 0.5 for _ in range(dims)]
        sid = uuid.uuid4().bytes_le
        row = {"id": sid, "gallery_id": g, "external_id": f"synthetic-{p}", "created_at": ticks}
        cols = [c for c in subject_cols if c in row]
        cur = con.execute(f"INSERT INTO subjects ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])
        skey = cur.lastrowid
        for _ in range(5):
            v = [c + (rng.random() - 0.5) * 0.123 for c in centroid]
            n = math.sqrt(sum(x * x for x in v))
            template = struct.pack(f"<{dims}e", *(x / n for x in v))
            frow = {"id": uuid.uuid4().bytes_le, "subject_key": skey, "gallery_id": g, "model_id": model, "dimensions": dims,
                    "template": template, "quality": "{\"synthetic\":true}", "created_at": ticks}
            cols = [c for c in face_cols if c in frow]
            con.execute(f"INSERT INTO faces ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", [frow[c] for c in cols])
    con.commit()
    print(f"   {people * 5} synthetic faces ({people} subjects, {dims}-d, model {model}) in the gallery")


def identify(url, gallery, image):
    t0 = time.perf_counter()
    status, body = post_image(f"{url}/v1/galleries/{gallery}/identify?top=5&fpir=1", image)
    ms = (time.perf_counter() - t0) * 1000
    top = None
    if status == 200:
        candidates = json.loads(body).get("candidates", [])
        top = candidates[0]["subjectId"] if candidates else None
    return status, ms, top


def pct(values, p):
    s = sorted(values)
    return s[round(p * (len(s) - 1))] if s else float("nan")


def probe(url, setup, out):
    setup = json.load(open(setup))
    images = [open(p["path"], "rb").read() for p in setup["probes"]]
    identify(url, setup["gallery"], images[0])  # warm-up
    results = []
    for p, image in zip(setup["probes"], images):
        status, ms, top = identify(url, setup["gallery"], image)
        results.append({"person": p["person"], "expected": p["subject"], "status": status, "ms": ms, "top": top})
    ms = [r["ms"] for r in results]
    summary = {"probes": len(results), "failed": sum(r["status"] != 200 for r in results), "p50_ms": pct(ms, 0.5), "p99_ms": pct(ms, 0.99),
               "rank1_pct": 100 * sum(r["top"] == r["expected"] for r in results) / len(results), "results": results}
    json.dump(summary, open(out, "w"), indent=1)
    print(f"   {len(results)} probes, {summary['failed']} failed: p50 {summary['p50_ms']:.1f} ms, p99 {summary['p99_ms']:.1f} ms, rank-1 {summary['rank1_pct']:.1f}%")


def load(urls, setup, clients, seconds, out):
    urls = urls.split(",")
    setup = json.load(open(setup))
    images = [open(p["path"], "rb").read() for p in setup["probes"]]
    done, lock, stop = [], threading.Lock(), time.perf_counter() + seconds

    def client(i):
        rng, url = random.Random(i), urls[i % len(urls)]
        while time.perf_counter() < stop:
            status, ms, _ = identify(url, setup["gallery"], rng.choice(images))
            with lock:
                done.append((status, ms))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    ms = [m for _, m in done]
    summary = {"nodes": len(urls), "clients": clients, "seconds": elapsed, "requests": len(done), "failed": sum(s != 200 for s, _ in done),
               "requests_per_s": len(done) / elapsed, "p50_ms": pct(ms, 0.5), "p99_ms": pct(ms, 0.99)}
    json.dump(summary, open(out, "w"), indent=1)
    print(f"   {len(urls)} node(s), {clients} clients: {summary['requests_per_s']:.2f} requests/s ({len(done)} in {elapsed:.0f} s, "
          f"{summary['failed']} failed), p50 {summary['p50_ms']:.0f} ms, p99 {summary['p99_ms']:.0f} ms")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "enroll":
        enroll(args[0], args[1], args[2], int(args[3]), args[4])
    elif command == "synth":
        synth(args[0], args[1], int(args[2]))
    elif command == "probe":
        probe(*args)
    elif command == "load":
        load(args[0], args[1], int(args[2]), float(args[3]), args[4])
    else:
        sys.exit(__doc__)
