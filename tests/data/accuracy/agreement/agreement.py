"""Agreement between two labellers of the same pages, and the tool against each.
usage: python3 agreement.py A.yaml B.yaml [predictions.json]"""
import sys, yaml, collections
A = {p['file']: p for p in yaml.safe_load(open(sys.argv[1], encoding='utf-8'))['pages']}
B = {p['file']: p for p in yaml.safe_load(open(sys.argv[2], encoding='utf-8'))['pages']}
files = sorted(set(A) & set(B))
groups = ['gioi_thieu','tin_tuc','pho_bien_phap_luat','chi_dao_dieu_hanh','quy_hoach_ke_hoach','van_ban_phap_luat','du_an_dau_thau','dich_vu_cong','lay_y_kien','chuc_nang_ho_tro','quy_dinh_khac']
print(f"{len(files)} pages labelled by both\n")
print("| group | tuples A | tuples B | both | agreement (F1 of B against A) |")
print("|:---|---:|---:|---:|---:|")
tot = collections.Counter()
for g in groups:
    a = b = both = 0
    for f in files:
        for key in ('sections', 'links'):
            ia = g in (A[f].get(key) or []); ib = g in (B[f].get(key) or [])
            a += ia; b += ib; both += ia and ib
    f1 = 2 * both / (a + b) if a + b else 1.0
    tot['a'] += a; tot['b'] += b; tot['both'] += both
    print(f"| {g} | {a} | {b} | {both} | {f1:.3f} |")
f1 = 2 * tot['both'] / (tot['a'] + tot['b'])
print(f"| all groups | {tot['a']} | {tot['b']} | {tot['both']} | {f1:.3f} |")
da = [f for f in files if A[f].get('newest_date') is not None or B[f].get('newest_date') is not None]
same = sum(str(A[f].get('newest_date')) == str(B[f].get('newest_date')) for f in da)
print(f"\nnewest date: {same}/{len(da)} pages with a date agree ({same/len(da):.3f})")
