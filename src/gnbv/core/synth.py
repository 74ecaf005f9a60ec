"""A synthetic census of Bắc Giang, deterministic for a seed. Synthetic: no real household.

Each household gets a persistent latent standing; its end-2023 class (``status_prev``) and its
2024 class are read off that standing through per-commune rates (a Gaussian copula, so the two
years are correlated and the rates come out as asked). Income and deprivations are then drawn
so that the official classification rule gives back the 2024 class, and the optional columns
are drawn consistently with the deprivations (a household deprived of health insurance has an
uninsured member, and so on). Rates aim at the plan: 2.63 % poor and 3.40 % near-poor at
end-2023, about 1.7 % poor in 2024; Sơn Động and the ĐBKK communes far poorer than the rest.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from gnbv.core.standards import Standard
from gnbv.core.synth_places import DISTRICTS

TARGET_RATES = {
    "poor_2023": 0.0263,
    "near_poor_2023": 0.0340,
    "poor_2024": 0.0173,
    "near_poor_2024": 0.0265,
}
MIDDLE_SHARE = 0.06
YEAR_TO_YEAR_CORRELATION = 0.9
NEW_HOUSEHOLD_SHARE = 0.012
DBKK_FACTOR = {"Sơn Động": 1.25}
"""How much poorer the ĐBKK communes are than their district (Sơn Động is poor throughout)."""
DEFAULT_DBKK_FACTOR = 3.5
ETHNIC_MINORITY_FACTOR = 2.5
# Relative prevalence of each deprivation among deprived households (indicator order of the
# standard); water and latrine are tuned so that coverage lands near the plan's targets.
DEPRIVATION_WEIGHTS = {
    "dep_employment": 1.0,
    "dep_dependents": 1.2,
    "dep_nutrition": 0.5,
    "dep_health_insurance": 0.9,
    "dep_adult_education": 1.6,
    "dep_child_schooling": 0.3,
    "dep_housing_quality": 0.9,
    "dep_housing_area": 1.1,
    "dep_water": 0.35,
    "dep_sanitation": 0.8,
    "dep_telecom": 0.5,
    "dep_information_access": 0.9,
    "dep_waste": 0.7,
}


def _communes(scale: float, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for district in DISTRICTS:
        names = [(name, "urban") for name in district.urban] + [
            (n, "rural") for n in district.rural
        ]
        # ĐBKK communes are small mountain communes.
        weights = rng.gamma(6.0, 1.0, size=len(names)) * np.array(
            [0.6 if name in district.dbkk else 1.0 for name, _ in names]
        )
        weights = weights / weights.sum()
        for (name, area), weight in zip(names, weights, strict=True):
            dbkk = name in district.dbkk
            rows.append(
                {
                    "district": district.name,
                    "district_code": district.code,
                    "commune": name,
                    "area": area,
                    "dbkk": dbkk,
                    "households": max(3, round(district.households * weight * scale)),
                    "em_share": min(0.95, district.ethnic_minority_share * (1.6 if dbkk else 1.0)),
                    "factor": (DBKK_FACTOR.get(district.name, DEFAULT_DBKK_FACTOR) if dbkk else 1.0)
                    * (0.4 if area == "urban" else 1.0),
                    **{
                        key: getattr(district, key)
                        for key in ("poor_2023", "near_poor_2023", "poor_2024", "near_poor_2024")
                    },
                }
            )
    communes = pd.DataFrame(rows)
    # Keep each district's mean rate: renormalise the commune factors within the district.
    weight = communes["households"] * communes["factor"]
    district_mean = weight.groupby(communes["district"]).transform("sum") / communes[
        "households"
    ].groupby(communes["district"]).transform("sum")
    communes["factor"] = communes["factor"] / district_mean
    for key, target in TARGET_RATES.items():
        rate = communes[key] * communes["factor"]
        # Scale the districts other than Sơn Động so that the province hits the plan's figure.
        fixed = communes["district"] == "Sơn Động"
        total = communes["households"].sum()
        gap = target * total - (rate * communes["households"])[fixed].sum()
        scale_rest = gap / (rate * communes["households"])[~fixed].sum()
        communes[key] = np.where(fixed, rate, rate * scale_rest).clip(0, 0.45)
    return communes


def _thresholds(poor: np.ndarray, near: np.ndarray) -> tuple[np.ndarray, ...]:
    normal = NormalDist()
    cuts = []
    for share in (poor, poor + near, poor + near + MIDDLE_SHARE):
        unique, inverse = np.unique(np.clip(share, 1e-6, 1 - 1e-6), return_inverse=True)
        cuts.append(np.array([normal.inv_cdf(float(value)) for value in unique])[inverse])
    return tuple(cuts)


def _classes(latent: np.ndarray, cuts: tuple[np.ndarray, ...]) -> np.ndarray:
    classes = np.full(latent.shape, "non_poor", dtype=object)
    classes[latent < cuts[2]] = "middle"
    classes[latent < cuts[1]] = "near_poor"
    classes[latent < cuts[0]] = "poor"
    return classes


def _pick_deprivations(
    rng: np.random.Generator, counts: np.ndarray, columns: list[str]
) -> np.ndarray:
    """For each household, ``counts[i]`` distinct indicators, drawn by weight."""
    weights = np.array([DEPRIVATION_WEIGHTS.get(column, 1.0) for column in columns])
    keys = rng.random((len(counts), len(columns))) ** (1.0 / weights)
    order = np.argsort(-keys, axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(len(columns))[None, :], axis=1)
    return ranks < counts[:, None]


def synthesise(standard: Standard, *, scale: float = 0.1, seed: int = 2024) -> pd.DataFrame:
    """A synthetic census in the canonical format (``shared/census-format.md``)."""
    rng = np.random.default_rng(seed)
    communes = _communes(scale, rng)
    index = np.repeat(np.arange(len(communes)), communes["households"].to_numpy())
    size = len(index)
    c = communes.iloc[index].reset_index(drop=True)

    ethnic = rng.random(size) < c["em_share"].to_numpy()
    # Ethnic-minority households are poorer; the others slightly less poor, same mean.
    share = c["em_share"].to_numpy()
    em_boost = np.where(ethnic, ETHNIC_MINORITY_FACTOR, 1.0) / (
        share * ETHNIC_MINORITY_FACTOR + (1 - share)
    )
    cuts_2023 = _thresholds(
        (c["poor_2023"].to_numpy() * em_boost).clip(0, 0.8),
        (c["near_poor_2023"].to_numpy() * em_boost).clip(0, 0.5),
    )
    cuts_2024 = _thresholds(
        (c["poor_2024"].to_numpy() * em_boost).clip(0, 0.8),
        (c["near_poor_2024"].to_numpy() * em_boost).clip(0, 0.5),
    )
    latent_2023 = rng.standard_normal(size)
    rho = YEAR_TO_YEAR_CORRELATION
    latent_2024 = rho * latent_2023 + np.sqrt(1 - rho**2) * rng.standard_normal(size)
    status_prev = _classes(latent_2023, cuts_2023)
    status_prev[rng.random(size) < NEW_HOUSEHOLD_SHARE] = ""
    klass = _classes(latent_2024, cuts_2024)
    poor, near = klass == "poor", klass == "near_poor"
    low = poor | near

    members = 1 + rng.binomial(7, 0.4, size)
    urban = c["area"].to_numpy() == "urban"
    line = np.where(
        urban,
        standard.income_lines["urban"].poverty_line,
        standard.income_lines["rural"].poverty_line,
    )
    upper_lines = [
        standard.income_lines[a].middle_upper or standard.income_lines[a].poverty_line
        for a in ("urban", "rural")
    ]
    upper = np.where(urban, upper_lines[0], upper_lines[1])
    step = 10_000
    income = np.where(
        low,
        np.floor(line * rng.uniform(0.45, 1.0, size) / step) * step,
        np.where(
            klass == "middle",
            np.ceil((line + (upper - line) * rng.uniform(0.0, 1.0, size)) / step) * step,
            np.ceil(upper * (1.0 + rng.lognormal(-0.3, 0.6, size)) / step) * step,
        ),
    ).astype(np.int64)
    income = np.where(klass == "middle", np.maximum(income, line + step), income)
    income = np.where(low & (rng.random(size) < 0.01), line, income)  # some exactly at the line

    columns = standard.deprivation_columns
    n_deprived = np.where(
        poor,
        rng.choice([3, 4, 5, 6, 7], size, p=[0.38, 0.30, 0.18, 0.09, 0.05]),
        np.where(
            near,
            rng.choice([0, 1, 2], size, p=[0.25, 0.35, 0.40]),
            rng.choice([0, 1, 2, 3, 4], size, p=[0.55, 0.25, 0.12, 0.06, 0.02]),
        ),
    )
    deprived = _pick_deprivations(rng, n_deprived, columns)
    frame = pd.DataFrame(
        {
            "household_id": [
                f"BG{d}{i:07d}"
                for d, i in zip(c["district_code"], np.arange(1, size + 1), strict=True)
            ],
            "district": c["district"],
            "commune": c["commune"],
            "area": c["area"],
            "members": members,
            "income_per_capita": income,
        }
    )
    for position, column in enumerate(columns):
        frame[column] = deprived[:, position]
    dep = {column: deprived[:, position] for position, column in enumerate(columns)}

    frame["ethnic_minority"] = ethnic
    frame["meritorious"] = (rng.random(size) < 0.03) & ~low  # the province keeps this at 0
    frame["special_difficulty_commune"] = c["dbkk"].to_numpy()
    frame["status_prev"] = status_prev
    able = np.minimum(members, rng.binomial(members, 0.62))
    able = np.where(dep.get("dep_employment", np.zeros(size, bool)), np.maximum(able, 1), able)
    frame["able_workers"] = able
    stable = np.where(rng.random(size) < np.where(low, 0.77, 0.93), rng.binomial(able, 0.7), 0)
    stable = np.where((able >= 1) & (stable == 0) & ~low & (rng.random(size) < 0.8), 1, stable)
    frame["stable_job_workers"] = np.minimum(stable, able)
    uninsured = dep.get("dep_health_insurance", np.zeros(size, bool))
    frame["insured_members"] = members - np.where(
        uninsured, np.minimum(members, 1 + rng.binomial(1, 0.3, size)), 0
    )
    children = rng.binomial(members, 0.22)
    out_of_school = dep.get("dep_child_schooling", np.zeros(size, bool))
    children = np.where(out_of_school, np.maximum(children, 1), children)
    frame["school_age_children"] = children
    frame["children_in_school"] = children - out_of_school.astype(np.int64)
    frame["telecom_need"] = np.where(low, rng.random(size) < 0.8, rng.random(size) < 0.3)
    escaped = (status_prev == "poor") & ~poor
    job_need = np.where(low | escaped, rng.binomial(able, 0.35), 0)
    frame["job_support_need"] = job_need
    frame["job_supported"] = np.where(
        rng.random(size) < 0.985, job_need, np.maximum(job_need - 1, 0)
    )
    agri_need = np.where(low, rng.binomial(able, 0.5), 0)
    frame["agri_support_need"] = agri_need
    frame["agri_supported"] = rng.binomial(agri_need, 0.66)
    son_dong = c["district"].to_numpy() == "Sơn Động"
    housing_need = low & son_dong & (rng.random(size) < 0.15)
    frame["housing_need"] = housing_need
    frame["housing_supported"] = housing_need & (rng.random(size) < 0.72)
    order = rng.permutation(size)  # a real file is not sorted by class
    frame = frame.iloc[np.sort(order)].reset_index(drop=True)
    return frame


def to_census_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as true/false text, as the census format writes them."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = np.where(out[column], "true", "false")
    return out
