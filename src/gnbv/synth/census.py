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

from gnbv.core.plan.standards import Standard
from gnbv.synth.places import DISTRICTS

TARGET_RATES = {
    "poor_2023": 0.0263,
    "near_poor_2023": 0.0340,
    "poor_2024": 0.0170,
    "near_poor_2024": 0.0265,
}
MIDDLE_SHARE = 0.06
YEAR_TO_YEAR_CORRELATION = 0.9
NEW_HOUSEHOLD_SHARE = 0.012
DEPARTED_SHARE = 0.01
RATES_2022 = {"poor": 3.81 / 2.63, "near_poor": 4.20 / 3.40}
"""2022 rates relative to 2023 (the plan: -1.18 and -0.80 points to 2.63 % and 3.40 %)."""
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


def _income(
    rng: np.random.Generator, klass: np.ndarray, urban: np.ndarray, standard: Standard
) -> np.ndarray:
    """An income that the standard's rule turns back into ``klass``."""
    size = len(klass)
    low = (klass == "poor") | (klass == "near_poor")
    lines = standard.income_lines
    line = np.where(urban, lines["urban"].poverty_line, lines["rural"].poverty_line)
    upper = np.where(
        urban,
        lines["urban"].middle_upper or lines["urban"].poverty_line,
        lines["rural"].middle_upper or lines["rural"].poverty_line,
    )
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
    return np.where(low & (rng.random(size) < 0.01), line, income)  # some exactly at the line


def _household_frame(
    rng: np.random.Generator,
    c: pd.DataFrame,
    ids: np.ndarray,
    ethnic: np.ndarray,
    klass: np.ndarray,
    status_prev: np.ndarray,
    ever_poor: np.ndarray,
    ever_near_poor: np.ndarray,
    standard: Standard,
) -> pd.DataFrame:
    """One year's census rows, consistent with each household's class that year."""
    size = len(klass)
    poor, near = klass == "poor", klass == "near_poor"
    low = poor | near
    members = 1 + rng.binomial(7, 0.4, size)
    urban = c["area"].to_numpy() == "urban"
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
            "household_id": ids,
            "district": c["district"].to_numpy(),
            "commune": c["commune"].to_numpy(),
            "area": c["area"].to_numpy(),
            "members": members,
            "income_per_capita": _income(rng, klass, urban, standard),
        }
    )
    for position, column in enumerate(columns):
        frame[column] = deprived[:, position]
    dep = {column: deprived[:, position] for position, column in enumerate(columns)}
    none = np.zeros(size, dtype=bool)

    frame["ethnic_minority"] = ethnic
    frame["meritorious"] = (rng.random(size) < 0.03) & ~low  # the province keeps this at 0
    frame["special_difficulty_commune"] = c["dbkk"].to_numpy()
    frame["status_prev"] = status_prev
    frame["ever_poor_before"] = ever_poor
    frame["ever_near_poor_before"] = ever_near_poor
    able = np.minimum(members, rng.binomial(members, 0.62))
    able = np.where(dep.get("dep_employment", none), np.maximum(able, 1), able)
    frame["able_workers"] = able
    stable = np.where(rng.random(size) < np.where(low, 0.77, 0.93), rng.binomial(able, 0.7), 0)
    stable = np.where((able >= 1) & (stable == 0) & ~low & (rng.random(size) < 0.8), 1, stable)
    frame["stable_job_workers"] = np.minimum(stable, able)
    uninsured = dep.get("dep_health_insurance", none)
    frame["insured_members"] = members - np.where(
        uninsured, np.minimum(members, 1 + rng.binomial(1, 0.3, size)), 0
    )
    children = rng.binomial(members, 0.22)
    out_of_school = dep.get("dep_child_schooling", none)
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
    return frame


def synthesise_years(
    standard: Standard, *, scale: float = 0.1, seed: int = 2024
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The end-2023 and end-2024 censuses of the same synthetic households.

    Household ids are the same in both years; about 1 % of the 2023 households are gone in
    2024 (moved out, merged) and about 1.2 % of the 2024 households are new (blank
    ``status_prev``). Each year's ``status_prev`` is the class of the year before.
    """
    rng = np.random.default_rng(seed)
    communes = _communes(scale, rng)
    index = np.repeat(np.arange(len(communes)), communes["households"].to_numpy())
    size = len(index)
    c = communes.iloc[index].reset_index(drop=True)
    ids = np.array(
        [f"BG{d}{i:07d}" for d, i in zip(c["district_code"], np.arange(1, size + 1), strict=True)]
    )

    ethnic = rng.random(size) < c["em_share"].to_numpy()
    # Ethnic-minority households are poorer; the others slightly less poor, same mean.
    share = c["em_share"].to_numpy()
    em_boost = np.where(ethnic, ETHNIC_MINORITY_FACTOR, 1.0) / (
        share * ETHNIC_MINORITY_FACTOR + (1 - share)
    )

    def cuts(poor: np.ndarray, near: np.ndarray) -> tuple[np.ndarray, ...]:
        return _thresholds((poor * em_boost).clip(0, 0.8), (near * em_boost).clip(0, 0.5))

    poor_2023, near_2023 = c["poor_2023"].to_numpy(), c["near_poor_2023"].to_numpy()
    rho = YEAR_TO_YEAR_CORRELATION
    latent_2023 = rng.standard_normal(size)
    latent_2022 = rho * latent_2023 + np.sqrt(1 - rho**2) * rng.standard_normal(size)
    latent_2024 = rho * latent_2023 + np.sqrt(1 - rho**2) * rng.standard_normal(size)
    class_2022 = _classes(
        latent_2022, cuts(poor_2023 * RATES_2022["poor"], near_2023 * RATES_2022["near_poor"])
    )
    class_2023 = _classes(latent_2023, cuts(poor_2023, near_2023))
    class_2024 = _classes(
        latent_2024, cuts(c["poor_2024"].to_numpy(), c["near_poor_2024"].to_numpy())
    )
    arrived = rng.random(size) < NEW_HOUSEHOLD_SHARE  # new in 2024
    departed = ~arrived & (rng.random(size) < DEPARTED_SHARE)  # gone by 2024
    new_in_2023 = ~arrived & (rng.random(size) < NEW_HOUSEHOLD_SHARE)
    previous_rng, current_rng = (np.random.default_rng([seed, year]) for year in (2023, 2024))

    keep = ~arrived
    status_2022 = np.where(new_in_2023, "", class_2022)
    previous = _household_frame(
        previous_rng,
        c.loc[keep].reset_index(drop=True),
        ids[keep],
        ethnic[keep],
        class_2023[keep],
        status_2022[keep],
        (class_2022 == "poor")[keep] & ~new_in_2023[keep],
        (class_2022 == "near_poor")[keep] & ~new_in_2023[keep],
        standard,
    )
    keep = ~departed
    status_2023 = np.where(arrived, "", class_2023)
    was_poor = ~arrived & ((class_2023 == "poor") | ((class_2022 == "poor") & ~new_in_2023))
    was_near = ~arrived & (
        (class_2023 == "near_poor") | ((class_2022 == "near_poor") & ~new_in_2023)
    )
    current = _household_frame(
        current_rng,
        c.loc[keep].reset_index(drop=True),
        ids[keep],
        ethnic[keep],
        class_2024[keep],
        status_2023[keep],
        was_poor[keep],
        was_near[keep],
        standard,
    )
    return previous, current


def synthesise(standard: Standard, *, scale: float = 0.1, seed: int = 2024) -> pd.DataFrame:
    """The synthetic end-2024 census (see :func:`synthesise_years`)."""
    return synthesise_years(standard, scale=scale, seed=seed)[1]


def to_census_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as true/false text, as the census format writes them."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = np.where(out[column], "true", "false")
    return out
